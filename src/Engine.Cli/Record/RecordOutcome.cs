namespace Engine.Cli.Record;

/// <summary>What a recording wrote.</summary>
public sealed record RecordOutcome(long Frames, IReadOnlyList<string> Files, long Reconnects);
