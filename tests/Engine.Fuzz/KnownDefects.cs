namespace Engine.Fuzz;

/// <summary>
/// Defects the harnesses found that are known and awaiting their fix, matched by what they throw and where. The
/// deterministic mutation run tolerates (and lists) these so it keeps guarding everything else; each one's inputs
/// are in <c>corpus/&lt;target&gt;/known/</c>, replayed by a skipped test that names the defect. When the fix lands:
/// un-skip that test, delete the entry here, and move the inputs up into the seed corpus.
/// </summary>
public static class KnownDefects
{
    public sealed record Entry(string Target, string Defect, Func<Exception, bool> Matches);

    public static IReadOnlyList<Entry> All { get; } =
    [
        // none open: issue 14 defect 6 (a corrupt ENGREC01 header or symbol table crashed the reader) was fixed by the
        // recording format v2 (version check, header and block checksums); its inputs are in the seed corpus now.
    ];

    /// <summary>The known defect that <paramref name="error"/> in <paramref name="target"/> is, or null.</summary>
    public static Entry? Match(string target, Exception error) =>
        All.FirstOrDefault(k => k.Target == target && k.Matches(error));

    private static bool ThrownIn(Exception e, string method) => e.StackTrace?.Contains(method, StringComparison.Ordinal) == true;
}
