"""Text in, facts out (contract ``chidao.facts/1``). Pure Python: nothing here imports Django."""
