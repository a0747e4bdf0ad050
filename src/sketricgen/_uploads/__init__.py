"""File uploads: pre-flight checks, the multipart form, the three-call flow.

Sans-IO: `filetypes`, `files`, `form`, `flow`, `errors`. I/O shells: `shells`
(one file and a set of files, blocking and asyncio).
"""
