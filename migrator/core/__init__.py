"""What every stage speaks of: findings and how safe their change is, the rules by
name and code, the settings, the table of models, the manual kinds, counted words.

The bottom layer: it imports nothing else of migrator, so every other folder may
import it.
"""
