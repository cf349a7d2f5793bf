// Computer Vision: pick one of your resources, give an image (upload or URL),
// and see the analyze result, the OCR text with its boxes drawn over the
// image, and a smart-cropped thumbnail — all through the public v3.2 API.
// An uploaded PDF goes to Read instead, and its text is shown page by page.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { request, responseError } from '../api/client.ts';
import { endpointPath } from '../api/endpoint.ts';
import { useResourceKeys, useResources } from '../api/queries.ts';
import { ErrorMessage, Loading, Notice } from '../components/Status.tsx';
import { lineBoxes, ocrText, type OcrResult } from './ocrBoxes.ts';
import { pagesText, readDocument, type ReadPage } from './read.ts';

const isPdf = (file: File) => file.type === 'application/pdf' || /\.pdf$/i.test(file.name);

type Source = { kind: 'file'; file: File } | { kind: 'url'; url: string };
type Analysis = {
  description?: { captions?: { text: string; confidence: number }[] };
  tags?: { name: string; confidence: number }[];
  objects?: { object: string; confidence: number }[];
  color?: { dominantColors?: string[]; accentColor?: string; isBWImg?: boolean };
  metadata?: { width: number; height: number; format: string };
};

async function callVision<T>(base: string, key: string, path: string, source: Source, binary = false): Promise<T> {
  const headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': key };
  const url = `${base}vision/v3.2/${path}`;
  if (!binary) {
    return source.kind === 'url'
      ? request<T>(url, { method: 'POST', headers, body: { url: source.url } })
      : request<T>(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: source.file });
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: source.kind === 'url' ? { ...headers, 'Content-Type': 'application/json' } : { ...headers, 'Content-Type': 'application/octet-stream' },
    body: source.kind === 'url' ? JSON.stringify({ url: source.url }) : source.file,
  });
  if (!response.ok) throw await responseError(response);
  return URL.createObjectURL(await response.blob()) as T;
}

function OcrOverlay({ src, ocr, width, height }: { src: string; ocr: OcrResult; width: number; height: number }) {
  const boxes = lineBoxes(ocr);
  return (
    <figure className="ocr-figure">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`The image with ${boxes.length} text lines outlined`}>
        <image href={src} width={width} height={height} />
        {boxes.map((b, i) => <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="ocr-box"><title>{b.text}</title></rect>)}
      </svg>
    </figure>
  );
}

export function VisionPage() {
  const resources = useResources();
  const visions = resources.data?.filter((r) => r.kind === 'ComputerVision') ?? [];
  const [name, setName] = useState('');
  const resource = visions.find((r) => r.name === name) ?? visions[0];
  const keys = useResourceKeys(resource?.name);
  const [mode, setMode] = useState<'file' | 'url'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [preview, setPreview] = useState<string>('');
  useEffect(() => {
    if (mode === 'url') { setPreview(url); return; }
    if (!file) { setPreview(''); return; }
    const objectUrl = URL.createObjectURL(file);
    setPreview(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [mode, file, url]);

  const run = useMutation({
    mutationFn: async () => {
      if (!resource || !keys.data) throw new Error('Choose a Computer Vision resource first.');
      const source: Source | null = mode === 'file' ? (file ? { kind: 'file', file } : null) : url.trim() ? { kind: 'url', url: url.trim() } : null;
      if (!source) throw new Error(mode === 'file' ? 'Choose an image file.' : 'Enter the URL of an image.');
      const base = endpointPath(resource.endpoint);
      const key = keys.data.key1;
      if (source.kind === 'file' && isPdf(source.file)) return { document: await readDocument(base, key, source.file) };
      const analysis = await callVision<Analysis>(base, key, 'analyze?visualFeatures=Description,Tags,Objects,Color', source);
      const ocr = await callVision<OcrResult>(base, key, 'ocr?language=unk&detectOrientation=true', source);
      const thumbnail = await callVision<string>(base, key, 'generateThumbnail?width=100&height=100&smartCropping=true', source, true);
      return { image: { analysis, ocr, thumbnail } };
    },
  });
  const image = run.data && 'image' in run.data ? run.data.image : undefined;
  const readPages: ReadPage[] | undefined = run.data && 'document' in run.data ? run.data.document : undefined;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>Computer Vision</h1>
        <p className="page-subtitle">Analyze an image, read its text, and make a thumbnail with one of your resources.</p>
      </header>
      {resources.isPending && <Loading label="Loading your resources…" />}
      <ErrorMessage error={resources.error} onRetry={() => resources.refetch()} />
      {resources.data && visions.length === 0 && <Notice>You have no Computer Vision resource yet. <Link to="/resources/new">Create one</Link>.</Notice>}
      {resource && (
        <form className="card form" aria-label="Image to analyze" onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
          <div className="inline-form">
            <label htmlFor="vision-resource">Resource</label>
            <select id="vision-resource" value={resource.name} onChange={(e) => setName(e.target.value)}>
              {visions.map((r) => <option key={r.name} value={r.name}>{`${r.name} (${r.region}, ${r.tier})`}</option>)}
            </select>
          </div>
          <fieldset className="field spaced">
            <legend>Image</legend>
            <label className="check"><input type="radio" name="image-source" checked={mode === 'file'} onChange={() => setMode('file')} /> Upload a file</label>
            <label className="check"><input type="radio" name="image-source" checked={mode === 'url'} onChange={() => setMode('url')} /> From a URL</label>
          </fieldset>
          {mode === 'file' ? (
            <div className="field"><label htmlFor="vision-file">Image file (JPEG, PNG, GIF or BMP), or a PDF to read</label>
              <input id="vision-file" type="file" accept="image/*,application/pdf" className="file-input" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></div>
          ) : (
            <div className="field"><label htmlFor="vision-url">Image URL</label>
              <input id="vision-url" type="url" value={url} placeholder="https://example.com/photo.jpg" onChange={(e) => setUrl(e.target.value)} /></div>
          )}
          <div className="form-actions"><button className="button button-primary" disabled={run.isPending || !keys.data}>{run.isPending ? (file && mode === 'file' && isPdf(file) ? 'Reading…' : 'Analyzing…') : 'Analyze'}</button></div>
          <ErrorMessage error={keys.error} title="The resource's keys could not be loaded." />
        </form>
      )}
      <ErrorMessage error={run.error} title="The image was not analyzed." />
      {readPages && (
        <section className="card" aria-labelledby="read-heading">
          <h2 id="read-heading">Text (Read)</h2>
          <p className="muted">{readPages.length} page{readPages.length === 1 ? '' : 's'}{readPages[0] ? `, ${readPages[0].width} × ${readPages[0].height} ${readPages[0].unit === 'inch' ? 'in' : 'px'}` : ''}</p>
          <pre className="ocr-text" data-testid="read-text">{pagesText(readPages)}</pre>
        </section>
      )}
      {image && (
        <div className="grid vision-results">
          <section className="card" aria-labelledby="ocr-heading">
            <h2 id="ocr-heading">Text (OCR)</h2>
            {preview && image.analysis.metadata
              ? <OcrOverlay src={preview} ocr={image.ocr} width={image.analysis.metadata.width} height={image.analysis.metadata.height} />
              : null}
            <pre className="ocr-text" data-testid="ocr-text">{ocrText(image.ocr) || 'No text found.'}</pre>
          </section>
          <section className="card" aria-labelledby="analysis-heading">
            <h2 id="analysis-heading">Analysis</h2>
            {image.analysis.description?.captions?.[0] && <p className="caption">“{image.analysis.description.captions[0].text}” <span className="muted">({image.analysis.description.captions[0].confidence.toFixed(2)})</span></p>}
            <h3>Tags</h3>
            <ul className="tag-list">{image.analysis.tags?.map((t) => <li key={t.name} className="badge badge-neutral">{t.name} {t.confidence.toFixed(2)}</li>)}</ul>
            {image.analysis.objects && image.analysis.objects.length > 0 && (<><h3>Objects</h3><ul className="tag-list">{image.analysis.objects.map((o, i) => <li key={i} className="badge badge-neutral">{o.object} {o.confidence.toFixed(2)}</li>)}</ul></>)}
            {image.analysis.color && <p>Dominant colors: {image.analysis.color.dominantColors?.join(', ') || '—'}{image.analysis.color.accentColor && <> · accent <span className="swatch" style={{ background: `#${image.analysis.color.accentColor}` }} /> #{image.analysis.color.accentColor}</>}</p>}
            {image.analysis.metadata && <p className="muted">{image.analysis.metadata.width}×{image.analysis.metadata.height} {image.analysis.metadata.format}</p>}
            <h3>Thumbnail (100×100, smart crop)</h3>
            <img src={image.thumbnail} alt="Thumbnail generated by the service" width={100} height={100} className="thumbnail" />
            <details><summary>Raw analyze JSON</summary><pre className="raw-json">{JSON.stringify(image.analysis, null, 2)}</pre></details>
          </section>
        </div>
      )}
    </div>
  );
}
