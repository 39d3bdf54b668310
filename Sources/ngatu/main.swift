print("ngatu: not yet")
