namespace Engine.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("engine: not wired yet");
        return args.Length == 0 ? 0 : 2;
    }
}
