"""Analysis of one article: one module per stage over a spaCy Doc.

The stages run in this order (see ``pipeline.Analyzer.analyse``):
entities (clean named mentions) -> roles -> coref (chains, pronouns, role nouns)
-> quotes (quotations, cues, speakers resolved through coref) -> times.
"""
