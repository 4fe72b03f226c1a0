"""SINet Node: a federated ActivityPub node for social-innovation networks."""

__version__ = "0.1.0"
