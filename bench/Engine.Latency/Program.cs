namespace Engine.Latency;

/// <summary>The end-to-end latency program: one command per scenario.</summary>
internal static class Program
{
    private const string Usage = """
        usage: Engine.Latency <command> [options]

          ring [--json PATH] [--runs N] [--seconds S] [--samples N]
              1P->1C ring throughput (busy-spin, batch publish) against System.Threading.Channels, and ping-pong
              round trips between two threads pinned to CPUs 0 and 1 (HDR percentiles); medians of several runs.

          pipeline [--rate N] [--events N] [--warmup N] [--input FILE]... [--wait busyspin|yielding|sleeping|blocking]
                   [--realtime PRIO] [--json PATH] [--out DIR] [--rounds N] [--no-floor]
              Recorded trades (default: the BTCUSDT+ETHUSDT futures trades in data/, replayed in laps with
              continuous times and ids) injected at a fixed rate (default 100000/s, 10000000 events) into the full
              engine: feed pinned to CPU 0, engine to CPU 1, one event per publish. Every event is timed from its
              INTENDED start (coordinated-omission free), per stage, end to end and signal to order; and the floor:
              the same injector and ring with empty stages. The two alternate in --rounds rounds (default 4), so both
              sample the same phases of the VM. --out writes the latency report (.hgrm per series,
              latency.md/svg/json); --json writes summary.json. --warmup, at the start of every round, defaults to a
              tenth of a round (max 200000).
              --realtime asks SCHED_FIFO PRIO (1-99) for both engine threads (needs CAP_SYS_NICE; off by default).

          journal [--rate N] [--events N] [--rounds N] [--dir DIR] [--journal-cpu N]
              The event journal's cost (docs/restart.md): the pipeline scenario's tape at N events/s (default
              1000000, 4000000 events) in rounds alternating without and with the event journal as the input
              consumer (default fsync policy, files in DIR); end-to-end engine latency of each side and their ratio.
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || (args.Length > 1 && args[1] is "-h" or "--help"))
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        switch (args[0])
        {
            case "ring":
                if (!RingScenarioOptions.TryParse(args.AsSpan(1), out RingScenarioOptions? ring, out string? ringError))
                {
                    return Fail(ringError);
                }

                RingScenario.Run(ring, Console.Out);
                return 0;
            case "pipeline":
                if (!PipelineScenarioOptions.TryParse(args.AsSpan(1), out PipelineScenarioOptions? pipeline, out string? pipelineError))
                {
                    return Fail(pipelineError);
                }

                PipelineScenario.Run(pipeline, Console.Out);
                return 0;
            case "journal":
                return JournalCostScenario.Run(args.AsSpan(1), Console.Out);
            default:
                return Fail($"unknown command '{args[0]}'");
        }
    }

    private static int Fail(string? error)
    {
        Console.Error.WriteLine(error);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
