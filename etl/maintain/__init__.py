"""Maintaining: changes made from the app or the command line, written as source files and rebuilt.

maintenance (one guarded change: versions kept, rebuild, log), correction_files (korrekturen.csv and the
change log), master_data_editor, fieldwork (captured attendance, outreach), upload, versions, erase (`forget`).
"""
