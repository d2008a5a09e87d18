namespace Engine.Cli.Run;

/// <summary>One input file of a replay and what it holds.</summary>
public sealed record ReplayInput(string Path, InputKind Kind);
