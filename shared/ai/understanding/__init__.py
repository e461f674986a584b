"""Understanding: customer messages as typed commands against the dialogue state."""
