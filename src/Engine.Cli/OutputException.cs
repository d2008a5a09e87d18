namespace Engine.Cli;

/// <summary>
/// The run directory or an output file could not be written (read-only, no permission, disk full): exit code
/// <see cref="ExitCodes.OutputError"/>, with the message alone (it names the path and the system's reason).
/// </summary>
public sealed class OutputException : IOException
{
    public OutputException()
    {
    }

    public OutputException(string message)
        : base(message)
    {
    }

    public OutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True for the system's "no space left on device" (ENOSPC) or SQLite's "database or disk is full".</summary>
    public static bool IsDiskFull(Exception e) =>
        e.HResult is 28 or unchecked((int)0x80070070) || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("disk is full", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("disk full", StringComparison.OrdinalIgnoreCase);
}
