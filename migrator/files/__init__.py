"""The files of a run and what each kind goes through: which files a run looks at
(ignore rules, excludes, git's work tree), and the pipeline of each kind of file:
Python modules go to the engine; notebooks are joined into one module and split
back; dependency files and notebooks' ``%pip install`` lines go to the rules'
``apply_dependency``; recorded HTTP cassettes are reported.

Imports the engine and the layers below it; never the run or the command line.
"""
