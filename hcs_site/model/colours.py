"""Colour arithmetic of WCAG 2: whether a district's colour can carry white text."""

from __future__ import annotations


def luminance(hex_colour: str) -> float:
    """WCAG's relative luminance of #RRGGBB."""
    def channel(pair: str) -> float:
        c = int(pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(hex_colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two #RRGGBB colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_with_white(hex_colour: str) -> float:
    return contrast(hex_colour, "#ffffff")
