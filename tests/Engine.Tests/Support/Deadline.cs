using System.Diagnostics;

namespace Engine.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes; tests never sleep a fixed time.</summary>
public static class Deadline
{
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (sw.Elapsed > timeout)
            {
                return condition();
            }

            spinner.SpinOnce(sleep1Threshold: 20);
        }

        return true;
    }
}
