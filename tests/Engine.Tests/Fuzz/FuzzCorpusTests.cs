using Engine.Fuzz;
using Engine.Tests.Cli;
using Xunit.Abstractions;

namespace Engine.Tests.Fuzz;

/// <summary>
/// The deterministic part of fuzzing (docs/fuzzing.md): every fuzz target replays its stored seed corpus
/// (tests/Engine.Fuzz/corpus/&lt;target&gt;/) and a fixed-seed mutation run of it. The only exceptions allowed are
/// the target's documented input errors (InvalidDataException for the file readers, ConfigurationException for the
/// configuration, none for the frame parser), and every target's own promises must hold (FuzzTargets). Each input's
/// work is bounded by its size (inputs are cut at 64 KiB, every reader is linear), so a hang shows as a test that
/// never ends, not as a timing assert. Known defects awaiting their fix are tolerated in the mutation run and listed.
/// </summary>
public class FuzzCorpusTests(ITestOutputHelper output)
{
    /// <summary>Fixed: the same mutants on every run and machine.</summary>
    private const ulong MutationSeed = 20241204;

    private static string CorpusRoot => Path.Combine(CliHarness.RepositoryRoot, "tests", "Engine.Fuzz", "corpus");

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Fact]
    public void EveryTarget_HasSeeds()
    {
        foreach (FuzzTarget target in FuzzTargets.All)
        {
            Assert.True(FuzzRunner.SeedFiles(CorpusRoot, target.Name).Count >= 3, $"{target.Name}: fewer than 3 seeds");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void SeedCorpus_ReplaysWithoutDefects(string name)
    {
        FuzzTarget target = FuzzTargets.Get(name);
        var failures = new List<string>();
        int accepted = 0;
        foreach (string path in FuzzRunner.SeedFiles(CorpusRoot, name))
        {
            FuzzOutcome outcome = FuzzRunner.Execute(target, File.ReadAllBytes(path));
            accepted += outcome.Verdict == FuzzVerdict.Accepted ? 1 : 0;
            if (outcome.Verdict is FuzzVerdict.Defect or FuzzVerdict.KnownDefect)
            {
                failures.Add($"{Path.GetFileName(path)}: {outcome}\n{outcome.Error}");
            }
        }

        Assert.Empty(failures);
        Assert.True(accepted > 0, $"{name}: no seed is read to its end; the corpus no longer exercises the reader");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void MutationRun_FindsNoNewDefect(string name)
    {
        FuzzTarget target = FuzzTargets.Get(name);
        byte[][] seeds = [.. FuzzRunner.SeedFiles(CorpusRoot, name).Select(File.ReadAllBytes)];
        CampaignResult result = FuzzRunner.MutationCampaign(target, seeds, MutationSeed, MutantsPerTarget(name));
        output.WriteLine($"{name}: {result.Accepted} read, {result.InputErrors} refused as bad input, {result.Defects.Count} new defects");
        foreach ((string known, int hits) in result.KnownHits)
        {
            output.WriteLine($"known defect met {hits}x: {known}");
        }

        Assert.True(result.Defects.Count == 0, string.Join("\n\n", result.Defects.Select(d =>
            $"{d.Outcome}\ninput (base64, save it under corpus/{name}/ to replay): {Convert.ToBase64String(d.Input)}\n{d.Outcome.Error}")));
        Assert.True(result.Accepted + result.InputErrors > 0);
    }

    // Issue 14 defect 6: these inputs crashed RecordingReader (EndOfStreamException, or a table allocated from a
    // corrupt count) before recordings gained a version check and checksums; the reader must now refuse each.
    [Theory]
    [InlineData("recording")]
    public void KnownDefectInputs_Recording_AreInputErrors(string name) => AssertKnownInputsAreHandled(name);

    private void AssertKnownInputsAreHandled(string name)
    {
        FuzzTarget target = FuzzTargets.Get(name);
        IReadOnlyList<string> files = FuzzRunner.KnownDefectFiles(CorpusRoot, name);
        Assert.NotEmpty(files);
        foreach (string path in files)
        {
            // A guard for a known defect does not count as handled: the reader itself must refuse the input.
            FuzzOutcome outcome = FuzzRunner.Execute(target, File.ReadAllBytes(path));
            output.WriteLine($"{Path.GetFileName(path)}: {outcome}");
            Assert.True(outcome.Verdict is FuzzVerdict.Accepted or FuzzVerdict.InputError, $"{Path.GetFileName(path)}: {outcome}");
        }
    }

    /// <summary>
    /// Mutants per target, sized so the whole run takes about a minute on a loaded 2-core machine: the parsers take
    /// microseconds per input, a recording that throws a fraction of a millisecond, a configuration milliseconds
    /// (a temporary file and the binder per input).
    /// </summary>
    private static int MutantsPerTarget(string name) => name switch
    {
        "frame-fast" or "frame-general" => 200_000,
        "trade-csv-gz" => 30_000,
        "recording" => 15_000,
        "config" => 2_000,
        _ => 60_000,
        };
}
