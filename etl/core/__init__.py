"""What every step of the write side shares: its errors and the registry of known spellings.

The readers (`etl.extract`) and the parser (`etl.parse`) import from here, never from the later steps.
"""
