namespace Engine.Latency;

/// <summary>The end-to-end latency program: one command per scenario (only <c>ring</c> so far).</summary>
internal static class Program
{
    private const string Usage = """
        usage: Engine.Latency ring [--json PATH] [--runs N] [--seconds S] [--samples N]
          ring   1P->1C ring throughput (busy-spin, batch publish) against System.Threading.Channels,
                 and ping-pong round trips between two threads; medians of several runs
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        switch (args[0])
        {
            case "ring":
                if (!RingScenarioOptions.TryParse(args.AsSpan(1), out RingScenarioOptions? options, out string? error))
                {
                    Console.Error.WriteLine(error);
                    Console.Error.WriteLine(Usage);
                    return 2;
                }

                RingScenario.Run(options, Console.Out);
                return 0;
            default:
                Console.Error.WriteLine($"unknown command '{args[0]}'");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
