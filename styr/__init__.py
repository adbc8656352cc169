"""Styr: planning and follow-up for Swedish municipalities."""
