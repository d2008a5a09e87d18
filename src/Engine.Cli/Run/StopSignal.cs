using System.Runtime.InteropServices;

namespace Engine.Cli.Run;

/// <summary>
/// Turns Ctrl-C and SIGTERM into a graceful stop: the first one cancels <see cref="Token"/> (the run stops its feed,
/// drains, flushes and writes its report); a second one is left to the default handler, which ends the process.
/// SIGINT is handled here only: <c>Console.CancelKeyPress</c> is raised by the same signal, and handling both counted
/// one Ctrl-C as two (issue 14).
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    public StopSignal()
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The signal that asked the run to stop, for the report; null while none did.</summary>
    public string? Reason { get; private set; }

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context) => context.Cancel = Request(context.Signal.ToString());

    /// <summary>True (default action cancelled) for the first request, false for later ones.</summary>
    private bool Request(string reason)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            return false;
        }

        Reason = reason;
        Console.Error.WriteLine($"engine: {reason} received: stopping the feed, draining, writing the report (again to abort)");
        _source.Cancel();
        return true;
    }
}
