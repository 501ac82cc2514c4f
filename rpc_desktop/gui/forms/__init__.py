"""Modules generated from ui/*.ui by pyside6-uic (`make forms`); a test keeps them current."""
