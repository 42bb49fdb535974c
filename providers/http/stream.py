"""Pages of an HTTP API as a stream of Arrow record batches, memory bounded by the page size."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from providers.http import pagination
from providers.http.auth import Authenticator, AuthError
from providers.http.batches import SchemaConflictError, conform, records_to_batch, unify
from providers.http.client import HttpClient, HttpRequestError, base_url, display_url
from providers.http.incremental import max_cursor, previous_watermark, save_watermark
from providers.http.rate_limit import RateLimiter
from providers.http.records import MalformedBodyError, extract_records, flatten, parse_body

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.components.http_source import HttpSourceConfig
    from providers.execution.node_run import NodeRun


class HttpSourceError(RuntimeError):
    """The HTTP source failed; the message names the node, the URL (without secrets) and the cause."""


def request_url(base: str, path: str) -> str:
    """``path`` under the connection's base URL; an absolute URL must stay on the same host."""
    if "://" in path:
        return pagination.same_origin(base + "/", path)
    return f"{base}/{path.lstrip('/')}" if path else base


class HttpStream:
    """Fetches pages, turns them into batches of one schema, and tracks the watermark."""

    def __init__(
        self,
        run: NodeRun,
        config: HttpSourceConfig,
        conn: Any,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.run = run
        self.config = config
        self.base = base_url(conn)
        auth = Authenticator(conn, config.auth, self.base, config.timeout_seconds)
        limiter = RateLimiter(config.rate_limit.requests_per_second, sleep=sleep)
        self.client = HttpClient(
            auth, config.retries, limiter, config.timeout_seconds, config.headers, log=run.log, sleep=sleep
        )
        self.pages = 0
        self.records = 0
        self.watermark: Any = None

    def first_request(self) -> pagination.PageRequest:
        """The first page's request, with the incremental watermark when there is one."""
        config = self.config
        request = pagination.PageRequest(
            url=request_url(self.base, config.path), params=dict(config.params), json_body=config.json_body
        )
        incremental = config.incremental
        if incremental is not None:
            self.watermark = previous_watermark(self.run.context, self.run.node_id)
            if self.watermark is None:
                self.watermark = incremental.initial_value
            if self.watermark is not None:
                request = request.with_param(incremental.param, self.watermark, incremental.location)
            self.run.log.info("Incremental: %s=%r", incremental.param, self.watermark)
        return pagination.first_request(request, config.pagination)

    def fetch_pages(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        """``(page number, records)`` for every page, following the pagination."""
        config = self.config
        request: pagination.PageRequest | None = self.first_request()
        while request is not None:
            if self.pages >= config.max_pages:
                if config.on_max_pages == "stop":
                    self.run.log.warning("Stopped after max_pages=%d pages", config.max_pages)
                    self.run.metrics["http_max_pages_reached"] = True
                    return
                raise self._error(request, f"more than max_pages={config.max_pages} pages; raise max_pages")
            self.pages += 1
            try:
                response = self.client.send(config.method, request)
            except (HttpRequestError, AuthError) as error:
                raise HttpSourceError(f"node '{self.run.node_id}': page {self.pages}: {error}") from None
            try:
                documents = parse_body(response.content, config.format)
                records = extract_records(documents, config.records)
            except MalformedBodyError as error:
                raise self._error(request, str(error)) from None
            if config.flatten:
                records = [flatten(record, config.flatten_separator) for record in records]
            body = documents[0] if len(documents) == 1 else documents
            page = pagination.PageResult(body=body, record_count=len(records), links=response.links)
            try:
                request = pagination.next_request(request, page, config.pagination)
            except pagination.PaginationError as error:
                raise self._error(request, str(error)) from None
            self.records += len(records)
            yield self.pages, records

    def batches(self) -> Iterator[pa.RecordBatch]:
        """Batches under the schema inferred from the first ``schema_pages`` pages."""
        import pyarrow as pa

        pages = self.fetch_pages()
        head: list[tuple[int, pa.RecordBatch]] = []
        for number, records in pages:
            head.append((number, self._batch(records, number)))
            if len(head) >= self.config.schema_pages:
                break
        self.schema = unify([batch for _, batch in head]) if head else pa.schema([])
        yield from (self._conform(batch, number) for number, batch in head)
        for number, records in pages:
            yield self._conform(self._batch(records, number), number)

    def _batch(self, records: list[dict[str, Any]], number: int) -> pa.RecordBatch:
        incremental = self.config.incremental
        try:
            if incremental is not None:
                self.watermark = max_cursor(records, incremental.cursor_field, self.watermark)
            return records_to_batch(records, number)
        except (SchemaConflictError, TypeError) as error:
            raise HttpSourceError(f"node '{self.run.node_id}': {_paged(error, number)}") from None

    def _conform(self, batch: pa.RecordBatch, number: int) -> pa.RecordBatch:
        try:
            return conform(batch, self.schema, number)
        except SchemaConflictError as error:
            raise HttpSourceError(f"node '{self.run.node_id}': {error}") from None

    def _error(self, request: pagination.PageRequest, cause: str) -> HttpSourceError:
        shown = display_url(request.url, request.params, self.client.auth.secret_params)
        return HttpSourceError(f"node '{self.run.node_id}': page {self.pages} of {shown}: {cause}")

    def finish(self) -> None:
        """Record metrics, store the watermark, release connections."""
        self.client.close()
        metrics = self.run.metrics
        metrics.update(
            http_pages=self.pages,
            http_records=self.records,
            http_requests=self.client.requests_sent,
            http_retries=self.client.retried,
        )
        if self.config.incremental is not None:
            metrics["http_watermark"] = self.watermark
            save_watermark(self.run.context, self.watermark)
        self.run.log.info("Read %d records in %d pages", self.records, self.pages)


def _paged(error: Exception, number: int) -> str:
    text = str(error)
    return text if text.startswith("page ") else f"page {number}: {text}"


def open_stream(
    run: NodeRun, config: HttpSourceConfig, conn: Any, sleep: Callable[[float], None] = time.sleep
) -> pa.RecordBatchReader:
    """A reader over every page; the first ``schema_pages`` pages are fetched before it returns."""
    import pyarrow as pa

    stream = HttpStream(run, config, conn, sleep=sleep)
    batches = stream.batches()
    try:
        first = next(batches, None)
    except BaseException:
        stream.client.close()
        raise

    def everything() -> Iterator[pa.RecordBatch]:
        try:
            if first is not None:
                yield first
            yield from batches
        finally:
            stream.client.close()
        stream.finish()

    return pa.RecordBatchReader.from_batches(stream.schema, everything())
