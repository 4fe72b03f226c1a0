"""The SINet membership protocol: how nodes find each other and stay a network without a
centre (FEDERATION.md, "Joining the network")."""
