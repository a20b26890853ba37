"""Streamlit helpers the pages share: the page guard, cached data access, navigation, widgets, formatting.

Lives beside pages/ (which holds page scripts only). May import analysis/ and vocab/, and etl/ only
where the UI starts a build (ui.database, ui.upload).
"""
