using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Cli.Run;

/// <summary>The journal thread's handler: hands every output to <see cref="RunOutputFiles"/>.</summary>
public readonly struct RunOutputHandler : IEventHandler<OutputEvent>
{
    private readonly RunOutputFiles _files;

    public RunOutputHandler(RunOutputFiles files) => _files = files;

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch) => _files.OnOutput(ref evt);

    public void OnShutdown()
    {
    }
}
