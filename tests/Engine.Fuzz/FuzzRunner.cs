namespace Engine.Fuzz;

/// <summary>What one input did to a target.</summary>
public enum FuzzVerdict
{
    /// <summary>Read to its end (bad lines counted, not thrown).</summary>
    Accepted,

    /// <summary>Refused with the target's documented input error.</summary>
    InputError,

    /// <summary>Any other exception, or a broken promise (<see cref="FuzzOracleException"/>): a defect.</summary>
    Defect,

    /// <summary>A defect already known and awaiting its fix (<see cref="KnownDefects"/>).</summary>
    KnownDefect,
}

public readonly record struct FuzzOutcome(FuzzVerdict Verdict, Exception? Error, string? Known = null)
{
    public override string ToString() =>
        Error is null ? Verdict.ToString()
        : Known is null ? $"{Verdict}: {Error.GetType().Name}: {Error.Message}"
        : $"{Verdict} ({Known}): {Error.GetType().Name}: {Error.Message}";
}

/// <summary>What a mutation campaign found: new defects with their inputs, and how often each known defect recurred.</summary>
public sealed record CampaignResult(IReadOnlyList<(byte[] Input, FuzzOutcome Outcome)> Defects, IReadOnlyDictionary<string, int> KnownHits, int Accepted, int InputErrors);

/// <summary>Runs inputs through targets and replays corpora and deterministic mutation campaigns.</summary>
public static class FuzzRunner
{
    /// <summary>When set (ENGINE_FUZZ_TRACE=path), each mutant is written there before it runs, to catch a hang.</summary>
    public static string? TracePath { get; set; } = Environment.GetEnvironmentVariable("ENGINE_FUZZ_TRACE");

    public static FuzzOutcome Execute(FuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target.Run(input);
            return new FuzzOutcome(FuzzVerdict.Accepted, null);
        }
        catch (Exception e) when (target.IsInputError(e))
        {
            return new FuzzOutcome(FuzzVerdict.InputError, e);
        }
        catch (Exception e)
        {
            KnownDefects.Entry? known = KnownDefects.Match(target.Name, e);
            return known is null ? new FuzzOutcome(FuzzVerdict.Defect, e) : new FuzzOutcome(FuzzVerdict.KnownDefect, e, known.Defect);
        }
    }

    /// <summary>The seed files of a target: <c>corpus/&lt;target&gt;/*</c>, not <c>known/</c> (inputs of known defects).</summary>
    public static IReadOnlyList<string> SeedFiles(string corpusRoot, string target)
    {
        string dir = Path.Combine(corpusRoot, target);
        return Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Inputs that once found a defect still awaiting its fix: <c>corpus/&lt;target&gt;/known/*</c>.</summary>
    public static IReadOnlyList<string> KnownDefectFiles(string corpusRoot, string target)
    {
        string dir = Path.Combine(corpusRoot, target, "known");
        return Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>
    /// <paramref name="count"/> mutants of the seeds, from a PRNG seeded by <paramref name="seed"/> and the target's
    /// name, so each target's campaign is the same on every run. Returns the defects found (at most
    /// <paramref name="maxDefects"/>), each with the mutant that found it.
    /// </summary>
    public static CampaignResult MutationCampaign(FuzzTarget target, IReadOnlyList<byte[]> seeds, ulong seed, int count, int maxDefects = 10)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(seeds);
        var defects = new List<(byte[], FuzzOutcome)>();
        var known = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0;
        int inputErrors = 0;
        var mutator = new Mutator(seed ^ StableHash(target.Name));
        for (int i = 0; i < count && seeds.Count > 0 && defects.Count < maxDefects; i++)
        {
            byte[] parent = seeds[mutator.Below(seeds.Count)];
            byte[] other = seeds[mutator.Below(seeds.Count)];
            byte[] mutant = mutator.Mutate(parent, other);
            if (TracePath is not null)
            {
                File.WriteAllBytes(TracePath, mutant); // the input in progress, to find a hang
            }

            FuzzOutcome outcome = Execute(target, mutant);
            switch (outcome.Verdict)
            {
                case FuzzVerdict.Accepted: accepted++; break;
                case FuzzVerdict.InputError: inputErrors++; break;
                case FuzzVerdict.KnownDefect: known[outcome.Known!] = known.GetValueOrDefault(outcome.Known!) + 1; break;
                default: defects.Add((mutant, outcome)); break;
            }
        }

        return new CampaignResult(defects, known, accepted, inputErrors);
    }

    /// <summary>FNV-1a of the name: string.GetHashCode is randomised per process.</summary>
    public static ulong StableHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong h = 0xCBF29CE484222325;
        foreach (char c in text)
        {
            h = (h ^ c) * 0x100000001B3;
        }

        return h;
    }
}
