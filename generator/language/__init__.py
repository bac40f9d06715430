"""Reading a guide's text as a teacher would: English grammar helpers (english), the shape of a piece of text
(shapes), how a definition's parts read (parts) and what kind of thing a term is (topic).

Shared by the flashcards (render/anki) and the practice exam (exam); knows neither Anki nor PDF.
"""
