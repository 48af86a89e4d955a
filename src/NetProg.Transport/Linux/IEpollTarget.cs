namespace NetProg.Transport.Linux;

/// <summary>Something registered with an <see cref="EpollLoop"/>: told of its events on the loop's thread.</summary>
internal interface IEpollTarget
{
    void OnEvents(uint events);
}
