namespace Engine.Pipeline;

/// <summary>
/// How far the input ring is on disk: implemented by the event journal (the pipeline's input consumer) so a thread
/// that must not act before the inputs behind an action are durable (the gateway before it sends an order, when so
/// configured) can wait for them. Sequences are input-ring sequences of this process. Thread-safe.
/// </summary>
public interface IDurableInput
{
    /// <summary>The highest input-ring sequence whose event (and every one before it) is on disk; -1 before the first.</summary>
    long DurableSequence { get; }

    /// <summary>
    /// Asks for a commit now (not at the next interval) and waits until <paramref name="sequence"/> is durable, or the
    /// timeout passed, or the journal failed. True when durable.
    /// </summary>
    bool WaitForDurable(long sequence, TimeSpan timeout);
}
