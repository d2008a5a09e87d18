namespace Engine.Cli;

/// <summary>The `engine` command's exit codes (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>The run finished, or was stopped by Ctrl-C / SIGTERM after draining and writing its report.</summary>
    public const int Ok = 0;

    /// <summary>An internal fault: a bug or an unexpected environment failure; the message says which.</summary>
    public const int InternalFault = 1;

    /// <summary>Command-line usage or configuration error: nothing ran.</summary>
    public const int ConfigurationError = 2;

    /// <summary>
    /// Bad input: a missing, unreadable or unrecognised input file (nothing ran), or an input found cut or corrupt
    /// part-way (the run stopped there, kept everything before it and wrote its report, which names file and position).
    /// </summary>
    public const int BadInput = 3;

    /// <summary>
    /// Output error: the run directory or output file could not be written (read-only, no permission, disk full). A run
    /// that hit it stopped trading, kept what it had written consistent, and says what it could not write.
    /// </summary>
    public const int OutputError = 4;

    /// <summary>
    /// The venue could not be read at start (<c>engine paper</c>: exchangeInfo unreachable, refused or not a document
    /// after a few attempts): nothing ran, no run directory was created.
    /// </summary>
    public const int VenueUnavailable = 5;

    /// <summary>
    /// <c>engine live</c> refused to start: an account check failed (position mode, leverage, margin type, balance,
    /// symbol status), the dead-man switch could not be armed, or the venue refused the key. The message says which
    /// and how to fix it; no order was sent.
    /// </summary>
    public const int StartRefused = 6;
}
