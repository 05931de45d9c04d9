if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "warm-city-dense" {
  try warmCityDense(seed: CommandLine.arguments.count > 2 ? UInt64(CommandLine.arguments[2]) ?? 1 : 1)
} else {
  print("bench: not yet")
}
