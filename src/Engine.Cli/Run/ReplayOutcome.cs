namespace Engine.Cli.Run;

/// <summary>
/// How a replay ended: the path of its report.md, the command's exit code (<see cref="ExitCodes"/>) and the verdict's
/// console lines (<see cref="RunVerdict"/>).
/// </summary>
public sealed record ReplayOutcome(string ReportPath, int ExitCode, IReadOnlyList<string> Verdict);
