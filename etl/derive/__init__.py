"""The derive step of the build: facts computed once from the resolved rows, loaded next to them.

Pages and analyses read these facts instead of recounting them, so every page tells the same number.
"""
