"""SINet Node: a federated ActivityPub node for social-innovation networks."""
