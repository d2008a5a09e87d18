namespace Engine.Binance.Live.Account;

/// <summary>
/// What <see cref="LiveStartChecks.RunAsync"/> found: <see cref="Refusals"/> (each a reason not to start, with the fix)
/// and <see cref="Notes"/> (what was checked or set). The run may start only when <see cref="Passed"/>.
/// </summary>
public sealed record StartCheckResult(IReadOnlyList<string> Refusals, IReadOnlyList<string> Notes)
{
    public bool Passed => Refusals.Count == 0;

    /// <summary>The refusals as one message: <c>refusing to start: …; …</c>.</summary>
    public string Describe() => Passed ? "account checks passed" : "refusing to start: " + string.Join("; ", Refusals);
}
