"""License registry, sourced obligations and license rules."""
