"""juesuan (决算): check, compose and extract Chinese departmental final-accounts disclosures."""

__version__ = "0.1.0"
