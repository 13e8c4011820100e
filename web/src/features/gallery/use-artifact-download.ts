import { ref } from 'vue';
import type { ArtifactResource } from '../../../../shared/contracts/run-resources';
import { useBlobFetch } from '../../api/use-blob-fetch';

/** Downloads through the API (audited, always current), then hands the bytes to the browser as a file. */
export function useArtifactDownload() {
  const fetchBlob = useBlobFetch();
  const busy = ref(false);
  const error = ref<unknown>(null);
  async function download(artifact: ArtifactResource): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const blob = await fetchBlob(`artifacts/${encodeURIComponent(artifact.id)}/download`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = artifact.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }
  return { download, busy, error };
}
