namespace Engine.Latency;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: Engine.Latency ring [--json PATH]");
        return args.Length == 0 ? 2 : 0;
    }
}
