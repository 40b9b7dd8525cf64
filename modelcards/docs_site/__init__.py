"""MkDocs integration: pages for a release's card, openness table, badge and obligations."""
