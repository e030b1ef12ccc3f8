"""The pages: routes resolved from the model, generated Markdown pages (Jinja templates in
templates/, which overrides/portal/ may replace), contact references, the Dutch search
index, the English pages, and the print materials rendered from the same templates.
A new page kind goes here: a method of generator.PageGenerator and a template.
"""
