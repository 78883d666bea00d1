# migrator-fixture: requests-unordered
import asyncio

from anthropic import AsyncAnthropic

JOBS = {
    "t1": "Translate 'good morning' into Spanish.",
    "t2": "Translate 'thank you' into German.",
    "t3": "Translate 'good night' into Italian.",
    "t4": "Translate 'please' into French.",
    "t5": "Translate 'cheers' into Swedish.",
}


async def worker(name, client, queue, results):
    while True:
        job_id, task = await queue.get()
        try:
            prompt = f"\n\nHuman: {task}\n\nAssistant:"
            completion = await client.completions.create(
                model="claude-instant-1",
                prompt=prompt,
                max_tokens_to_sample=32,
                stop_sequences=["\n\nHuman:"],
            )
            results[job_id] = (name, completion.completion.strip())
        finally:
            queue.task_done()


async def main(n_workers=3):
    client = AsyncAnthropic()
    queue = asyncio.Queue()
    results = {}
    for item in JOBS.items():
        queue.put_nowait(item)
    workers = [asyncio.create_task(worker(f"w{i}", client, queue, results)) for i in range(n_workers)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    for job_id in sorted(results):
        print(job_id, results[job_id][1])
    print("workers used:", len({name for name, _ in results.values()}) <= n_workers)


asyncio.run(main())
