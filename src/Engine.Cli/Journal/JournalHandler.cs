using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Cli.Journal;

/// <summary>
/// The journal thread's consumer of the output ring: hands every output to its <see cref="RunJournal"/>, and commits the
/// database batch whenever the ring runs empty (end of batch) so journal.db stays fresh while the run goes on, and at
/// shutdown. Pass it to <c>EnginePipeline&lt;JournalHandler&gt;</c>; the caller keeps and disposes the RunJournal.
/// </summary>
public readonly struct JournalHandler : IEventHandler<OutputEvent>
{
    private readonly RunJournal _journal;

    public JournalHandler(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _journal = journal;
    }

    public RunJournal Journal => _journal;

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        _journal.Write(ref evt);
        if (endOfBatch)
        {
            _journal.Flush();
        }
    }

    public void OnShutdown() => _journal.Flush();
}
