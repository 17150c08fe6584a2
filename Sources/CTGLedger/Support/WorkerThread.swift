#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX thread running one closure (no Foundation, so `ctg` starts fast).
struct WorkerThread {
    private let handle: pthread_t

    /// Starts `body` on a new thread with a 1 MiB stack; `nil` when no thread could be started
    /// (the caller then does the work itself).
    static func start(_ body: @escaping @Sendable () -> Void) -> WorkerThread? {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        defer { pthread_attr_destroy(&attributes) }
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Darwin)
            var handle: pthread_t?
        #else
            var handle = pthread_t()
        #endif
        let started = pthread_create(
            &handle, &attributes,
            { context in
                Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
            return handle.map(WorkerThread.init(handle:))
        #else
            return WorkerThread(handle: handle)
        #endif
    }

    /// Waits for the thread to end.
    func join() {
        pthread_join(handle, nil)
    }

    /// Gives the memory freed by finished threads back to the system. The C allocator keeps a pool
    /// per thread and keeps what is freed in it, so without this the memory two threads used at
    /// their peak stays counted against the process for the rest of a long command.
    static func releaseFreedMemory() {
        #if canImport(Glibc)
            // glibc's `malloc_trim`, looked up at run time (its header is not part of the Glibc module).
            typealias Trim = @convention(c) (Int) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
                _ = unsafeBitCast(symbol, to: Trim.self)(0)
            }
        #endif
    }
}

/// Runs independent tasks on the caller's thread and one worker thread, each task taken by
/// whichever thread is free; the results come back in task order.
enum ParallelWork {
    /// `task(0) … task(count − 1)`, computed on two threads.
    ///
    /// `task` must be safe to call from two threads at once (it reads shared state only).
    static func map<T>(count: Int, _ task: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(task) }
        return withoutActuallyEscaping(task) { task in
            let shared = SharedTasks(count: count, task)
            let worker = WorkerThread.start { shared.drain() }
            shared.drain()
            worker?.join()
            return shared.results()
        }
    }
}

/// The tasks of one `ParallelWork.map`, claimed one at a time under a lock; each result slot is
/// written by the one thread that ran its task and read after the worker is joined.
private final class SharedTasks<T>: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var next = 0
    private let count: Int
    private let task: (Int) -> T
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int, _ task: @escaping (Int) -> T) {
        self.count = count
        self.task = task
        pthread_mutex_init(&lock, nil)
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize().deallocate()
        pthread_mutex_destroy(&lock)
    }

    /// Runs tasks until none is left.
    func drain() {
        while let index = claim() { slots[index] = task(index) }
    }

    private func claim() -> Int? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// The results in task order (after every task has run).
    func results() -> [T] { slots.map { $0! } }
}
