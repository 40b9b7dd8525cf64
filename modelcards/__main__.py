"""`python -m modelcards`: the command-line interface."""

from modelcards.cli import main

main()
