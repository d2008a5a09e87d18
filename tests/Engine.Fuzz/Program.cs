using System.Diagnostics;
using System.Globalization;
using Engine.Fuzz;

// engine-fuzz: fuzz harnesses for every reader of outside input. See docs/fuzzing.md.
//   list                                   the targets
//   afl <target>                           one input per run from afl-fuzz (SharpFuzz out-of-process loop)
//   run <target> <file|dir>...             runs inputs once each and prints each verdict; exit 1 on a defect
//   mutate <target|all> [--seed S] [--count N] [--corpus DIR] [--save DIR]
//                                          the CI's deterministic mutation campaign, from the command line
//   make-corpus <sample.csv.gz> <corpus-dir>
//                                          (re)writes the seed corpus from the bundled sample; known/ is kept
if (args.Length == 0)
{
    return Usage();
}

switch (args[0])
{
    case "list":
        foreach (FuzzTarget t in FuzzTargets.All)
        {
            Console.WriteLine($"{t.Name,-16} {t.Description}");
        }

        return 0;

    case "afl" when args.Length == 2:
        {
            FuzzTarget target = FuzzTargets.Get(args[1]);
            SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                try
                {
                    target.Run(copy.ToArray());
                }
                catch (Exception e) when (target.IsInputError(e))
                {
                    // a documented input error: the input was refused as it should be
                }
            });
            return 0;
        }

    case "run" when args.Length >= 3:
        {
            FuzzTarget target = FuzzTargets.Get(args[1]);
            int defects = 0;
            foreach (string path in args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]))
            {
                FuzzOutcome outcome = FuzzRunner.Execute(target, File.ReadAllBytes(path));
                Console.WriteLine($"{path}: {outcome}");
                if (outcome.Verdict == FuzzVerdict.Defect)
                {
                    defects++;
                    Console.WriteLine(outcome.Error);
                }
            }

            return defects == 0 ? 0 : 1;
        }

    case "mutate" when args.Length >= 2:
        return Mutate(args[1], args.Skip(2).ToArray());

    case "make-corpus" when args.Length == 3:
        CorpusBuilder.Build(args[1], args[2]);
        Console.WriteLine($"corpus written to {args[2]}");
        return 0;

    default:
        return Usage();
}

static int Mutate(string name, string[] options)
{
    ulong seed = 20241204;
    int count = 20_000;
    string corpus = Path.Combine("tests", "Engine.Fuzz", "corpus");
    string? save = null;
    for (int i = 0; i + 1 < options.Length; i += 2)
    {
        switch (options[i])
        {
            case "--seed": seed = ulong.Parse(options[i + 1], CultureInfo.InvariantCulture); break;
            case "--count": count = int.Parse(options[i + 1], CultureInfo.InvariantCulture); break;
            case "--corpus": corpus = options[i + 1]; break;
            case "--save": save = options[i + 1]; break;
            default: return Usage();
        }
    }

    int found = 0;
    foreach (FuzzTarget target in name == "all" ? FuzzTargets.All : [FuzzTargets.Get(name)])
    {
        byte[][] seeds = [.. FuzzRunner.SeedFiles(corpus, target.Name).Select(File.ReadAllBytes)];
        var clock = Stopwatch.StartNew();
        CampaignResult result = FuzzRunner.MutationCampaign(target, seeds, seed, count);
        IReadOnlyList<(byte[] Input, FuzzOutcome Outcome)> defects = result.Defects;
        Console.WriteLine($"{target.Name}: {seeds.Length} seeds, {count} mutants: {result.Accepted} read, {result.InputErrors} refused as bad input, {defects.Count} new defects, {clock.Elapsed.TotalSeconds:F1} s");
        foreach ((string known, int hits) in result.KnownHits)
        {
            Console.WriteLine($"  known, {hits}x: {known}");
        }

        foreach ((byte[] input, FuzzOutcome outcome) in defects)
        {
            found++;
            Console.WriteLine($"  {outcome}");
            Console.WriteLine($"    at {outcome.Error!.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            if (save is not null)
            {
                string dir = Path.Combine(save, target.Name);
                Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, $"mutant-{FuzzRunner.StableHash(Convert.ToHexString(input)):x16}"), input);
            }
        }
    }

    return found == 0 ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: engine-fuzz list | afl <target> | run <target> <file|dir>... | mutate <target|all> [--seed S] [--count N] [--corpus DIR] [--save DIR] | make-corpus <sample.csv.gz> <corpus-dir>");
    return 2;
}
