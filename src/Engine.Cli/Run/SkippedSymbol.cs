namespace Engine.Cli.Run;

/// <summary>
/// Lines of one input skipped because their symbol is not the run's: <see cref="Symbol"/> when the file's name (or the recording's
/// symbol table) gives it; <see cref="Lines"/> is -1 when the engine counted them instead of the reader (recordings).
/// </summary>
public sealed record SkippedSymbol(string Path, string? Symbol, long Lines);
