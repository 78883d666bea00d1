"""One run over many files: read, prefilter, migrate in a pool of processes, then
write, diff or review; the cache that answers for files already seen; the modules of
runtime helpers a run writes; findings moved to the text a run wrote.

Imports ``migrator.files``, the engine and the layers below; never prints (the
command line shows what the run reports through its progress events).
"""
