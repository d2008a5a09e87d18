namespace Engine.Cli.Run;

/// <summary><c>engine live</c> will not trade: a start check failed; the message says which and how to fix it (exit code 6).</summary>
public sealed class StartRefusedException : Exception
{
    public StartRefusedException()
    {
    }

    public StartRefusedException(string message)
        : base(message)
    {
    }

    public StartRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
