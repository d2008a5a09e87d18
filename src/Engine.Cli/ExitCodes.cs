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

    /// <summary>Bad input: a missing, unreadable or unrecognised input file; nothing usable was read.</summary>
    public const int BadInput = 3;
}
