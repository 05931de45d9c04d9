print("dispatch: not yet")
