"""`make bench`: the SDK's speed and memory against plain httpx, on a fast local server."""
